from django.contrib import admin

admin.site.site_header = "ADGMIN Tracker administration"
admin.site.site_title = "ADGMIN Tracker"
admin.site.index_title = "Records and users"
