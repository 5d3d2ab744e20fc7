"""Seoul's seasonal festivals on their places in the district (data in ``assets/festivals/``)."""
