// Placeholder: matching evaluation (being written).
#pragma once
