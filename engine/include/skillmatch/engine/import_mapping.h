// Placeholder: import mapping files (being written).
#pragma once
