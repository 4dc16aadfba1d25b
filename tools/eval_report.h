// Placeholder: evaluation report (being written).
#pragma once
