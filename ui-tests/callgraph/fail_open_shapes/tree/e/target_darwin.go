package e

const target = "https://vault.app:443/status"
