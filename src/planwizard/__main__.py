import sys

if sys.argv[1:2] == ["merge"]:
    # git's merge driver runs once per plan on every pull: it starts without the full
    # command line (see planwizard.driver.main).
    from planwizard.driver import main as merge

    raise SystemExit(merge(sys.argv[2:]))

from planwizard.cli import main

raise SystemExit(main())
