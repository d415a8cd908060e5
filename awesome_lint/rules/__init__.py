"""The built-in rules, one module per rule; the file name is the rule id with '_'.

Each module declares one rule with :func:`awesome_lint.lint.rule.rule`; :mod:`awesome_lint.lint.registry`
lists them.
"""
