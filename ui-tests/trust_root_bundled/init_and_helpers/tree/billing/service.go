package billing

type Service struct{ *Intermediate }

// NewService creates a new billing.bundle service.
func NewService() *Service { return &Service{} }
