#include "skillmatch/engine/model_json.h"
// Being written.
