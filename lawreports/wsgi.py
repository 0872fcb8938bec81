import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawreports.settings")
# Web processes get the web statement timeout (settings.STATEMENT_TIMEOUT).
os.environ.setdefault("LAWREPORTS_PROCESS", "web")
application = get_wsgi_application()
