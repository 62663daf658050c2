from ipdb.cli import main

main()
