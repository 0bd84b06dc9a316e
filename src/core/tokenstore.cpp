#include "core/tokenstore.h"
