"""``python -m eu_ca_partnership``: the ``eu-ca`` command."""

from ._cli import main

raise SystemExit(main())
