"""Afterview: a Telegram coach for everything worth doing after a job interview."""
