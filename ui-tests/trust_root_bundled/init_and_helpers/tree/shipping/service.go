package shipping

type Service struct{ *Intermediate }

// NewService creates a new shipping.bundle service.
func NewService() *Service { return &Service{} }
