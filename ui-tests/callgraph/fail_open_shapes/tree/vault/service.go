package vault

type Service struct{ *Intermediate }
