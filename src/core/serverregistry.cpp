#include "core/serverregistry.h"
