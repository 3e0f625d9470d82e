package orders

type Service struct{ *Intermediate }

// NewService creates a new orders.bundle service.
func NewService() *Service { return &Service{} }
