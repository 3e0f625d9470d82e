package e

const target = "https://vault.app:666/unseal"
