package caller

// café
