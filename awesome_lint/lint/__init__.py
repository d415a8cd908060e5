"""Findings, the rule contract and registry, config, the engine, suppression and fixing."""
