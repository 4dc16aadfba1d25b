// Placeholder: offer import pipeline (being written).
#pragma once
