from planwizard.cli import main

raise SystemExit(main())
