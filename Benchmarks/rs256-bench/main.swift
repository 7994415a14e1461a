// rs256-bench: rows arrive with the modules they measure.
print("rs256-bench: no rows yet")
