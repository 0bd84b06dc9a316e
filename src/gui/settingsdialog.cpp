#include "gui/settingsdialog.h"
