"""The economy and education spaces: Invest Seoul, the Fintech Lab, Citizens' University and Seoul Learn."""
