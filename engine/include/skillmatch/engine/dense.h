// Placeholder: dense kernels (being written).
#pragma once
