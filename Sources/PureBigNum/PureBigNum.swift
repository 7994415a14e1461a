// PureBigNum: placeholder until its issue lands. See ../shared/DESIGN.md for what this module owns.
