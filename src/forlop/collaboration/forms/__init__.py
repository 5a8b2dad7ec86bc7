from forlop.collaboration.forms.closure import ClosureForm
from forlop.collaboration.forms.evaluation import EvaluationForm
from forlop.collaboration.forms.meeting import ActionForm, MeetingForm, MinutesForm
from forlop.collaboration.forms.relatives import RelativeForm

__all__ = ["ActionForm", "ClosureForm", "EvaluationForm", "MeetingForm", "MinutesForm",
           "RelativeForm"]
