enum ISACExperimentsPlaceholder {}
