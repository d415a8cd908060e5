from awesome_lint.cli import main

main(prog_name="awesome-lint")
