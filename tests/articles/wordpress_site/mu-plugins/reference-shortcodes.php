<?php
/**
 * Plugin Name: Forever Fit reference shortcodes
 * Description: Divi (a paid theme) and Contact Form 7 (a plugin) are not in Debian. These render
 * their shortcodes as their documented markup does, so that the fixtures' rendered pages show
 * what a site running them showed. Nothing else; never used on a real site.
 */

function ff_divi_wrap($class) {
    return function ($attributes, $content = '') use ($class) {
        return '<div class="' . $class . '">' . do_shortcode($content) . '</div>';
    };
}

add_shortcode('et_pb_section', ff_divi_wrap('et_pb_section'));
add_shortcode('et_pb_row', ff_divi_wrap('et_pb_row'));
add_shortcode('et_pb_column', ff_divi_wrap('et_pb_column'));

add_shortcode('et_pb_text', function ($attributes, $content = '') {
    return '<div class="et_pb_module et_pb_text"><div class="et_pb_text_inner">'
        . wpautop(do_shortcode($content)) . '</div></div>';
});

add_shortcode('et_pb_image', function ($attributes) {
    $a = shortcode_atts(['src' => '', 'alt' => '', 'title_text' => ''], $attributes);
    return '<div class="et_pb_module et_pb_image"><span class="et_pb_image_wrap"><img src="'
        . esc_url($a['src']) . '" alt="' . esc_attr($a['alt']) . '" title="'
        . esc_attr($a['title_text']) . '" /></span></div>';
});

add_shortcode('et_pb_blurb', function ($attributes, $content = '') {
    $a = shortcode_atts(['title' => '', 'image' => '', 'alt' => ''], $attributes);
    $picture = $a['image'] ? '<div class="et_pb_main_blurb_image"><span class="et_pb_image_wrap">'
        . '<img src="' . esc_url($a['image']) . '" alt="' . esc_attr($a['alt']) . '" /></span></div>' : '';
    return '<div class="et_pb_module et_pb_blurb"><div class="et_pb_blurb_content">' . $picture
        . '<div class="et_pb_blurb_container"><h4 class="et_pb_module_header"><span>'
        . esc_html($a['title']) . '</span></h4><div class="et_pb_blurb_description">'
        . wpautop(do_shortcode($content)) . '</div></div></div></div>';
});

add_shortcode('et_pb_button', function ($attributes) {
    $a = shortcode_atts(['button_url' => '', 'button_text' => ''], $attributes);
    return '<div class="et_pb_button_module_wrapper et_pb_module"><a class="et_pb_button" href="'
        . esc_url($a['button_url']) . '">' . esc_html($a['button_text']) . '</a></div>';
});

add_shortcode('contact-form-7', function ($attributes) {
    $a = shortcode_atts(['id' => '', 'title' => ''], $attributes);
    return '<div class="wpcf7" id="wpcf7-f' . esc_attr($a['id']) . '"><form class="wpcf7-form" method="post">'
        . '<p><label>Your name<br /><input type="text" name="your-name" /></label></p>'
        . '<p><label>Your email<br /><input type="email" name="your-email" /></label></p>'
        . '<p><input type="submit" value="Send" class="wpcf7-submit" /></p></form></div>';
});

// No network here: an embed is left as its address, never fetched.
add_filter('pre_oembed_result', '__return_false');
add_filter('embed_oembed_discover', '__return_false');
add_filter('pre_wp_mail', '__return_true');  // no mail leaves a throwaway site
