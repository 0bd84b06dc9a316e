#include "gui/tokenviewerdialog.h"
