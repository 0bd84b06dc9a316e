#include "gui/serverdialog.h"
