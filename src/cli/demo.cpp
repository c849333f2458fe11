int provident_demo_placeholder = 0;
