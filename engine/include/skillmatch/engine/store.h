// The SQLite store (being written).
#pragma once
