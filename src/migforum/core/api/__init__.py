"""What every app's API router builds on: the token a write sends (`auth`), the parameter types
(`params`), the paging shape (`paging`) and pre-encoded answers (`responses`).

The apps' routers import these, never `migforum.api`, which only assembles them."""
