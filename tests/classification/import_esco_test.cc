#include <gtest/gtest.h>

#include "skillmatch/classification/importers.h"
#include "support/shared_data.h"
