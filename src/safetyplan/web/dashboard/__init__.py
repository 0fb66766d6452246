"""Dashboard, goal pages and area pages: the monitor's figures as pages and charts."""
