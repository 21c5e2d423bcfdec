"""The built-in rules, one module per rule, each module's RULE its Rule class; registry.py lists them."""
