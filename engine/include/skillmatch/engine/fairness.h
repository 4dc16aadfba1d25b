// Placeholder: fairness audit (being written).
#pragma once
