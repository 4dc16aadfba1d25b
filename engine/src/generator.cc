#include "skillmatch/engine/generator.h"
