"""Content: announcement files read, checked, segmented and rendered; no Flask."""
