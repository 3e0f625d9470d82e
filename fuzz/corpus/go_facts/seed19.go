package caller

func (svc *Service) Broken( {
