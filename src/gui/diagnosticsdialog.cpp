#include "gui/diagnosticsdialog.h"
