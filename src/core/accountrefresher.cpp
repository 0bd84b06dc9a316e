#include "core/accountrefresher.h"
