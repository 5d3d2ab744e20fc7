"""Seoul's seasonal festivals on their places in the district (data on the events model, ``assets/events/``)."""
