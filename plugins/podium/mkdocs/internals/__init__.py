"""Every use of a private MkDocs, Material or Jinja internal, in one place.

Each use is marked ``Hack:`` with the versions it was checked against, and is
guarded: when the internal is not there (another release, another engine such
as ProperDocs), the plain path runs instead and one debug line says so.
"""
