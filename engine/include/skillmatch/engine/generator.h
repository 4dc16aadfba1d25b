// Synthetic jobseekers and offers drawn from a taxonomy (being written).
#pragma once
