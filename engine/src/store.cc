#include "skillmatch/engine/store.h"
