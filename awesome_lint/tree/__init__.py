"""What an awesome list is: sections, entries, tables, links, built from Markdown; shared views."""
