"""Text every other package reads the same way: tokens and terms, publication dates and
dates mentioned in text, and the word lists of ordinary English the engine relies on.

Imports nothing of trustbot but `errors`; everything else may import it.
"""
